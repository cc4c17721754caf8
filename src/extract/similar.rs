//! Near-duplicate bodies: a 64-bit SimHash of an article's body, for grouping near-identical copies: the same wire
//! story with another headline, dateline or byline, a sentence dropped or moved, a few words
//! changed.
//!
//! The body is cut into lowercase word 2-shingles ([`SHINGLE`]); each shingle's 64-bit hash votes +1 or
//! -1 on every bit, and the signature keeps the bits with a positive total. Texts sharing
//! most shingles get signatures a few bits apart; unrelated texts differ in about half of
//! the 64 bits. Two bodies are near-duplicates when their signatures differ in at most
//! [`NEAR_BITS`] bits and both have at least [`MIN_WORDS`] words (short texts have too few
//! shingles for the vote to mean anything). `examples/eval_near_dup` measures the threshold
//! on generated copies of BBC articles against other articles of the same subject.

use xxhash_rust::xxh3::xxh3_64;

/// Most differing bits between two near-duplicate signatures.
pub const NEAR_BITS: u32 = 15;
/// Words per shingle. Measured on generated BBC copies (`examples/eval_near_dup`, seed 7):
/// 3-word shingles found 68 % of the copies at 16 bits, 2-word shingles 91 % with 100 false
/// pairs in 500,000 same-section pairs, single words 99 % but with 87,000 false pairs.
pub const SHINGLE: usize = 2;
/// Fewest words for a body to get a signature (0 = no signature).
pub const MIN_WORDS: usize = 40;

/// The SimHash of `body`, or 0 when it is too short to have one.
pub fn simhash(body: &str) -> u64 {
    // Each word is lowercased and hashed once; a shingle's hash mixes its words' hashes.
    // Votes are kept as counts of set bits per position (`2 * ones > shingles` is the same
    // test as a positive +1/-1 total), added eight bits at a time in byte lanes.
    let mut counts = BitCounts::default();
    let mut word = String::new();
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    for w in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let h = word_hash(w, &mut word);
        window.rotate_left(1);
        window[SHINGLE - 1] = h;
        words += 1;
        if words >= SHINGLE {
            counts.add(shingle_hash(&window));
        }
    }
    if words < MIN_WORDS {
        return 0;
    }
    // 0 means "no signature"; a real all-zero vote is vanishingly rare and loses nothing.
    counts.majority().max(1)
}

/// The hash of one lowercased word; `buf` is scratch space.
fn word_hash(w: &str, buf: &mut String) -> u64 {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return xxh3_64(w.as_bytes());
    }
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(w.chars().flat_map(char::to_lowercase));
    }
    xxh3_64(buf.as_bytes())
}

fn shingle_hash(words: &[u64; SHINGLE]) -> u64 {
    words.iter().fold(0u64, |acc, &w| {
        (acc.rotate_left(23) ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    })
}

/// Per-bit counts of set bits over the shingle hashes seen so far.
struct BitCounts {
    /// Eight byte-wide counters per word: lane `j` of `lanes[i]` counts bit `8 * j + i`.
    lanes: [u64; 8],
    /// Hashes added to `lanes` since they were last flushed (at most 255 fit a byte).
    pending: u32,
    totals: [u32; 64],
    seen: u32,
}

impl Default for BitCounts {
    fn default() -> Self {
        BitCounts {
            lanes: [0; 8],
            pending: 0,
            totals: [0; 64],
            seen: 0,
        }
    }
}

impl BitCounts {
    fn add(&mut self, h: u64) {
        const LOW_BITS: u64 = 0x0101_0101_0101_0101;
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (h >> i) & LOW_BITS;
        }
        self.pending += 1;
        self.seen += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (i, lane) in self.lanes.iter_mut().enumerate() {
            for j in 0..8 {
                self.totals[8 * j + i] += ((*lane >> (8 * j)) & 0xFF) as u32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    /// The bits set in more than half of the hashes.
    fn majority(mut self) -> u64 {
        self.flush();
        let seen = self.seen;
        (0..64).fold(0u64, |acc, bit| {
            if 2 * self.totals[bit] > seen {
                acc | 1 << bit
            } else {
                acc
            }
        })
    }
}

/// Whether two signatures mark near-identical bodies.
pub fn near(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= NEAR_BITS
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "The regional water authority said on Tuesday it would raise charges by \
        four percent from April to pay for new reservoirs and the repair of leaking mains across \
        the northern districts, after a dry summer left several towns under hosepipe bans for \
        weeks. Its chief executive told councillors the alternative was rationing within five \
        years, and that households on low incomes would be protected by a wider discount scheme \
        funded by the largest commercial users.";

    #[test]
    fn a_lightly_edited_copy_is_near_and_another_story_is_not() {
        let edited = STORY
            .replace("on Tuesday ", "")
            .replace("four percent", "4 percent")
            .replace("told councillors", "said to councillors");
        let other = "The city's football club confirmed on Monday that its manager had signed a \
            new three-year contract, ending weeks of speculation about a move abroad, and said \
            the board would back him with funds for two new defenders in the winter window. \
            Supporters had gathered outside the ground on Saturday to urge him to stay, and the \
            captain told reporters the squad was relieved the matter was settled before the cup \
            tie against their neighbours next week.";
        let (a, b, c) = (simhash(STORY), simhash(&edited), simhash(other));
        assert!(near(a, b), "{} bits", (a ^ b).count_ones());
        assert!(!near(a, c), "{} bits", (a ^ c).count_ones());
    }

    /// The definition: every shingle votes +1 or -1 on every bit.
    fn simhash_by_votes(body: &str) -> u64 {
        let hashes: Vec<u64> = body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                xxh3_64(
                    w.chars()
                        .flat_map(char::to_lowercase)
                        .collect::<String>()
                        .as_bytes(),
                )
            })
            .collect();
        if hashes.len() < MIN_WORDS {
            return 0;
        }
        let mut votes = [0i32; 64];
        for window in hashes.windows(SHINGLE) {
            let h = shingle_hash(&[window[0], window[1]]);
            for (bit, vote) in votes.iter_mut().enumerate() {
                *vote += if h >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        let bits = (0..64)
            .filter(|&b| votes[b] > 0)
            .fold(0u64, |acc, b| acc | 1 << b);
        bits.max(1)
    }

    #[test]
    fn the_bit_counts_give_the_signature_of_the_votes() {
        let long = STORY.repeat(9); // over 255 shingles: the byte lanes are flushed
        let accented = STORY
            .replace("regional", "Région's")
            .replace("water", "ÉAU");
        for text in [
            STORY,
            long.as_str(),
            accented.as_str(),
            "Too short to sign.",
        ] {
            assert_eq!(simhash(text), simhash_by_votes(text), "{}", &text[..18]);
        }
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(simhash("Markets rose on Friday."), 0);
        assert!(!near(0, 0), "two bodies without signatures are not near");
        assert_ne!(simhash(STORY), 0);
    }
}

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

/// Most differing bits between the signatures of two bodies worth comparing. Chosen on
/// generated BBC copies (`examples/eval_near_dup`, seed 7) with [`MIN_RESEMBLANCE`]: the
/// signature alone at 15 bits found 84 % of the copies at 0.96 precision; 20 bits with
/// the texts compared find 99 % at 0.98.
pub const NEAR_BITS: u32 = 20;
/// Least shingle resemblance (Jaccard) for two bodies to be copies: a reprint with a
/// sentence dropped and 5–10 % of its words changed keeps about 0.6–0.8; different
/// stories on one subject share a few phrases (well under 0.2).
pub const MIN_RESEMBLANCE: f64 = 0.4;
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
    let words = for_each_shingle(body, |h| counts.add(h));
    if words < MIN_WORDS {
        return 0;
    }
    // 0 means "no signature"; a real all-zero vote is vanishingly rare and loses nothing.
    counts.majority().max(1)
}

/// Calls `f` with the hash of each word shingle of `body` in order; returns the number of
/// words. Words are runs of letters and digits, lowercased.
fn for_each_shingle(body: &str, mut f: impl FnMut(u64)) -> usize {
    let mut word = String::new();
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    for w in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        window.rotate_left(1);
        window[SHINGLE - 1] = word_hash(w, &mut word);
        words += 1;
        if words >= SHINGLE {
            f(shingle_hash(&window));
        }
    }
    words
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

/// Whether two signatures are close enough for their bodies to be compared: the cheap
/// first test, on fast columns; [`Shingles::resembles`] confirms on the texts.
pub fn near(a: u64, b: u64) -> bool {
    a != 0 && b != 0 && (a ^ b).count_ones() <= NEAR_BITS
}

/// The distinct 2-word shingles of a body (cut as [`simhash`] cuts it), to confirm that
/// two bodies with [`near`] signatures are copies of one text.
#[derive(Debug, Clone, Default)]
pub struct Shingles(rustc_hash::FxHashSet<u64>);

impl Shingles {
    /// The shingles of `body`.
    pub fn of(body: &str) -> Shingles {
        let mut set = rustc_hash::FxHashSet::default();
        for_each_shingle(body, |h| {
            set.insert(h);
        });
        Shingles(set)
    }

    /// Shared shingles over all distinct shingles of both (Jaccard): 0 for nothing in
    /// common, 1 for the same shingles.
    pub fn resemblance(&self, other: &Shingles) -> f64 {
        let (small, large) = if self.0.len() <= other.0.len() {
            (&self.0, &other.0)
        } else {
            (&other.0, &self.0)
        };
        let shared = small.iter().filter(|h| large.contains(h)).count();
        let union = small.len() + large.len() - shared;
        if union == 0 {
            0.0
        } else {
            shared as f64 / union as f64
        }
    }

    /// Whether the two bodies are copies of one text ([`MIN_RESEMBLANCE`]).
    pub fn resembles(&self, other: &Shingles) -> bool {
        self.resemblance(other) >= MIN_RESEMBLANCE
    }
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
    fn texts_confirm_a_copy_and_not_another_story_on_the_subject() {
        let story = Shingles::of(STORY);
        let cases = [
            (
                "a reprint, a clause dropped and words changed",
                STORY
                    .replace("on Tuesday ", "")
                    .replace(
                        ", after a dry summer left several towns under hosepipe bans for weeks",
                        "",
                    )
                    .replace("told councillors", "said to councillors"),
                true,
            ),
            (
                "another story on water charges",
                "Households in the northern districts will pay more for water from April, the \
                 regional authority confirmed, blaming the cost of new reservoirs. Opposition \
                 councillors said the rise would hit families already struggling with energy \
                 bills, and called for the authority's bonuses to be frozen instead."
                    .to_string(),
                false,
            ),
            ("the same text", STORY.to_string(), true),
        ];
        for (what, text, copy) in cases {
            let r = story.resemblance(&Shingles::of(&text));
            assert_eq!(
                story.resembles(&Shingles::of(&text)),
                copy,
                "{what}: {r:.2}"
            );
        }
        assert_eq!(Shingles::of("").resemblance(&Shingles::of("")), 0.0);
    }

    #[test]
    fn short_texts_have_no_signature() {
        assert_eq!(simhash("Markets rose on Friday."), 0);
        assert!(!near(0, 0), "two bodies without signatures are not near");
        assert_ne!(simhash(STORY), 0);
    }
}

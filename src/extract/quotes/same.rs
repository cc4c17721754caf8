//! When two quotations are the same words: wire copy and follow-ups quote one statement
//! with small edits (a clause trimmed, punctuation or capitals changed, a word swapped).
//!
//! A quotation's words are its letters and digits, lowercased, split at everything else
//! ("Don’t" → "don", "t"; "£3.5bn" → "3", "5bn"). Two quotations are the same when their
//! words are equal (the [`key`], a hash stored in the index, finds those anywhere in the
//! archive), or when the shorter has at least [`MIN_WORDS`] words and at least
//! [`MIN_SHARED`] of its word triples occur in the longer (a trimmed or edited copy).

use std::collections::HashSet;

use xxhash_rust::xxh3::xxh3_64;

/// Fewest words for a partial match: shorter quotations ("no deal") must match whole.
pub const MIN_WORDS: usize = 6;
/// Share of the shorter quotation's word triples found in the longer one.
pub const MIN_SHARED: f64 = 0.7;

/// The words of a quotation, lowercased, without punctuation.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A hash of the quotation's [`words`]: equal for copies that differ only in punctuation,
/// capitals and spacing.
pub fn key(text: &str) -> u64 {
    xxh3_64(words(text).join(" ").as_bytes())
}

/// The quotation's word triples (a short quotation is one "triple" of all its words).
fn triples(words: &[String]) -> HashSet<&[String]> {
    if words.len() < 3 {
        return std::iter::once(words).collect();
    }
    words.windows(3).collect()
}

/// True when `a` and `b` (each a quotation's [`words`]) are one quotation.
pub fn same(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < MIN_WORDS {
        return false;
    }
    let long = triples(long);
    let short = triples(short);
    let shared = short.iter().filter(|t| long.contains(*t)).count();
    shared as f64 >= MIN_SHARED * short.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_with_small_edits_are_the_same() {
        let base =
            "We will not sign a deal that leaves our farmers worse off, and we have said so.";
        // (other copy, same?)
        let cases = [
            (base, true),
            // punctuation and capitals
            (
                "we will not sign a deal that leaves our farmers worse off - and we have said so",
                true,
            ),
            // trailing clause trimmed
            (
                "We will not sign a deal that leaves our farmers worse off",
                true,
            ),
            // one word changed
            (
                "We will not sign a deal that leaves our fishermen worse off, and we have said so.",
                true,
            ),
            // a different statement sharing a few words
            ("We will not sign anything before the election.", false),
            ("Our farmers are worse off than they were last year.", false),
        ];
        let a = words(base);
        for (other, want) in cases {
            assert_eq!(same(&a, &words(other)), want, "{other}");
            assert_eq!(same(&words(other), &a), want, "{other} (reversed)");
        }
    }

    #[test]
    fn short_quotations_match_only_whole() {
        assert!(same(&words("No deal."), &words("no deal")));
        assert!(!same(
            &words("no deal"),
            &words("no deal is better than a bad deal")
        ));
        assert!(!same(&words("a farce"), &words("a total farce")));
    }

    #[test]
    fn keys_ignore_punctuation_and_case_only() {
        assert_eq!(key("“No deal,” he said"), key("no deal he said"));
        assert_eq!(key("No  deal!"), key("no deal"));
        assert_ne!(key("no deal"), key("no new deal"));
        assert_eq!(words("Don’t cut £3.5bn"), ["don", "t", "cut", "3", "5bn"]);
    }
}

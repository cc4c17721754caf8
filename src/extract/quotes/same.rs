//! When two quotations are the same words: wire copy and follow-ups quote one statement
//! with small edits (a clause trimmed, punctuation or capitals changed, a word swapped).
//!
//! A quotation's words are its letters and digits, lowercased, split at everything else
//! ("Don’t" → "don", "t"; "£3.5bn" → "3", "5bn"). Two quotations are the same when their
//! words are equal (the [`key`], a hash stored in the index, finds those anywhere in the
//! archive), or when the shorter has at least [`MIN_WORDS`] words and either at least
//! [`MIN_SHARED`] of its word triples occur in the longer (a trimmed copy, or a long one
//! edited here and there) or the two differ by one word in ten (at least one: a word
//! changed, added or dropped), counted word by word.

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

/// How two quotations are one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The same words.
    Equal,
    /// Most of the shorter's word triples are in the longer: a trimmed copy.
    Contained,
    /// A word or a few changed, added or dropped.
    Edited,
}

/// True when `a` and `b` (each a quotation's [`words`]) are one quotation.
pub fn same(a: &[String], b: &[String]) -> bool {
    matches(a, b).is_some()
}

/// How `a` and `b` (each a quotation's [`words`]) are one quotation, if they are.
pub fn matches(a: &[String], b: &[String]) -> Option<Match> {
    if a == b {
        return Some(Match::Equal);
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < MIN_WORDS {
        return None;
    }
    let long_triples = triples(long);
    let short_triples = triples(short);
    let shared = short_triples
        .iter()
        .filter(|t| long_triples.contains(*t))
        .count();
    if shared as f64 >= MIN_SHARED * short_triples.len() as f64 {
        return Some(Match::Contained);
    }
    let allowed = (long.len() / 10).max(1);
    (long.len() - short.len() <= allowed && word_distance(short, long, allowed) <= allowed)
        .then_some(Match::Edited)
}

/// Words changed, added or dropped between `a` and `b` (Levenshtein over words), or
/// `cap + 1` once it is known to exceed `cap`.
fn word_distance(a: &[String], b: &[String], cap: usize) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0; b.len() + 1];
    for (i, wa) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, wb) in b.iter().enumerate() {
            let change = prev[j] + usize::from(wa != wb);
            row[j + 1] = change.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        if row.iter().min().is_some_and(|&m| m > cap) {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
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
    fn one_word_changed_in_a_short_quotation_is_an_edit() {
        let a = words("I could have been badly hurt on the way home,");
        let cases = [
            (
                "I could have been really hurt on the way home",
                Some(Match::Edited),
            ),
            (
                "I could have been badly hurt on the way back home",
                Some(Match::Contained),
            ),
            (
                "I could have been very hurt on the way home",
                Some(Match::Edited),
            ),
            ("I could never have been so badly hurt at home", None),
        ];
        for (other, want) in cases {
            assert_eq!(matches(&a, &words(other)), want, "{other}");
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

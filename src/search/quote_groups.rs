//! One quotation, many outlets: the copies of one quotation (wire copy, follow-ups, small
//! edits) become one entry with every article that carries it, its first appearance and
//! the speaker most of them name.
//!
//! Copies are found two ways: within the ranked window by their words
//! ([`crate::extract::quotes::same`]: equal words, or a trimmed or edited copy), and across
//! the whole archive by the key of their words (the local index only). Copies of a short
//! quotation ("no comment") join only when their speakers agree, since different people
//! say the same few words, and so do copies with a word changed ("I will not resign" is
//! not "I will now resign" from someone else); longer ones that match whole or trimmed
//! join whatever each article made of the speaker.

use std::collections::HashMap;

use serde::Serialize;

use crate::extract::quotes::same::{self, Match};

/// One copy of a quotation, as the front ends show it.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Copy {
    /// The quoted words.
    pub text: String,
    /// Its speaker's canonical name.
    pub speaker: Option<String>,
    /// Reported speech rather than words in marks.
    pub reported: bool,
    /// Key of its words (0 when unknown).
    pub key: u64,
    /// The article carrying it.
    pub source: QuoteSource,
}

/// An article that carries a quotation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct QuoteSource {
    /// The article's id.
    pub article_id: String,
    /// The article's path.
    pub path: String,
    /// The article's headline.
    pub title: String,
    /// The article's date.
    pub date: Option<String>,
    /// The speaker this article gives.
    pub speaker: Option<String>,
    /// The words as this article quotes them (they may differ a little from the entry's).
    pub text: String,
}

/// Copies of one quotation: the best-ranked first, then in the order they were found.
#[derive(Debug, Clone)]
pub(super) struct Group<T> {
    words: Vec<String>,
    /// The copies, each with what the caller keeps beside it.
    pub copies: Vec<(Copy, T)>,
    /// Copies in the whole archive, when counted (0: only those in `copies` are known).
    pub source_count: usize,
}

impl<T> Group<T> {
    /// True when `copy` (with words `words`) is a copy of this quotation.
    pub fn takes(&self, copy: &Copy, words: &[String]) -> bool {
        let first = &self.copies[0].0;
        if first.reported != copy.reported {
            return false;
        }
        let keyed = copy.key != 0 && self.copies.iter().any(|(c, _)| c.key == copy.key);
        let how = if keyed {
            Some(Match::Equal)
        } else {
            same::matches(&self.words, words)
        };
        // A word changed, or a short quotation: only when the speakers agree.
        let speakers_free = match how {
            None => return false,
            Some(Match::Edited) => false,
            Some(_) => self.words.len().min(words.len()) >= same::MIN_WORDS,
        };
        speakers_free
            || self.copies.iter().all(|(c, _)| {
                c.speaker.is_none() || copy.speaker.is_none() || c.speaker == copy.speaker
            })
    }

    /// Adds a copy found later (a search by key); an article already present is skipped.
    pub fn add(&mut self, copy: Copy, extra: T) {
        let id = &copy.source.article_id;
        if !self.copies.iter().any(|(c, _)| &c.source.article_id == id) {
            self.copies.push((copy, extra));
        }
    }

    /// The speaker most copies give (ties: the best-ranked copy's, else the first name).
    pub fn speaker(&self) -> Option<String> {
        let mut votes: HashMap<&str, usize> = HashMap::new();
        for (c, _) in &self.copies {
            if let Some(s) = &c.speaker {
                *votes.entry(s.as_str()).or_default() += 1;
            }
        }
        let most = votes.values().copied().max()?;
        let best = self.copies[0].0.speaker.as_deref();
        if best.is_some_and(|b| votes.get(b) == Some(&most)) {
            return best.map(str::to_string);
        }
        let mut tied: Vec<&str> = votes
            .into_iter()
            .filter(|&(_, n)| n == most)
            .map(|(s, _)| s)
            .collect();
        tied.sort_unstable();
        tied.first().map(|s| s.to_string())
    }

    /// Every article carrying the quotation, earliest first (undated last, then by path),
    /// each once.
    pub fn sources(&self) -> Vec<QuoteSource> {
        let mut out: Vec<QuoteSource> = self.copies.iter().map(|(c, _)| c.source.clone()).collect();
        out.sort_by(|a, b| {
            (a.date.is_none(), &a.date, &a.path).cmp(&(b.date.is_none(), &b.date, &b.path))
        });
        out.dedup_by(|a, b| a.article_id == b.article_id);
        out
    }
}

/// Groups ranked copies (best first) into at most `limit` quotations, in the order of
/// their best copy; later copies still join the groups already made.
pub(super) fn group<T>(ranked: Vec<(Copy, T)>, limit: usize) -> Vec<Group<T>> {
    let mut groups: Vec<Group<T>> = Vec::new();
    for (copy, extra) in ranked {
        let words = same::words(&copy.text);
        match groups.iter().position(|g| g.takes(&copy, &words)) {
            Some(i) => groups[i].add(copy, extra),
            None if groups.len() < limit => groups.push(Group {
                words,
                copies: vec![(copy, extra)],
                source_count: 0,
            }),
            None => {}
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(text: &str, speaker: Option<&str>, article: &str, date: &str) -> (Copy, ()) {
        let c = Copy {
            text: text.into(),
            speaker: speaker.map(str::to_string),
            reported: false,
            key: same::key(text),
            source: QuoteSource {
                article_id: article.into(),
                path: format!("{article}.txt"),
                date: Some(date.into()),
                speaker: speaker.map(str::to_string),
                text: text.into(),
                ..QuoteSource::default()
            },
        };
        (c, ())
    }

    const LONG: &str = "There will be no deal on fishing until the quotas are fair to our boats";

    #[test]
    fn wire_copies_become_one_quotation_with_every_source() {
        let ranked = vec![
            copy(LONG, Some("Ana Lind"), "b", "2024-03-02"),
            copy(
                "Nobody asked the ports.",
                Some("Piet Ros"),
                "x",
                "2024-03-01",
            ),
            copy(&format!("{LONG}."), Some("Lind"), "a", "2024-03-01"),
            // A trimmed copy, unattributed in this article.
            copy(
                "There will be no deal on fishing until the quotas are fair",
                None,
                "c",
                "2024-03-04",
            ),
            copy(LONG, Some("Ana Lind"), "d", "2024-03-03"),
        ];
        let groups = group(ranked, 10);
        assert_eq!(groups.len(), 2);
        let g = &groups[0];
        let sources = g.sources();
        let ids: Vec<&str> = sources.iter().map(|s| s.article_id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "d", "c"], "earliest first");
        assert_eq!(
            g.speaker().as_deref(),
            Some("Ana Lind"),
            "two of three name her so"
        );
        assert_eq!(groups[1].copies.len(), 1);
    }

    #[test]
    fn short_quotations_join_only_with_the_same_speaker() {
        let ranked = vec![
            copy("No comment.", Some("Ana Lind"), "a", "2024-01-01"),
            copy("no comment", Some("Piet Ros"), "b", "2024-01-02"),
            copy("No comment", None, "c", "2024-01-03"),
            copy("No comment!", Some("Ana Lind"), "d", "2024-01-04"),
        ];
        let groups = group(ranked, 10);
        let sizes: Vec<usize> = groups.iter().map(|g| g.copies.len()).collect();
        assert_eq!(
            sizes,
            [3, 1],
            "Lind's, the unattributed copy, then Ros's own"
        );
    }

    #[test]
    fn the_limit_counts_quotations_not_copies() {
        let ranked = vec![
            copy(LONG, Some("Ana Lind"), "a", "2024-03-01"),
            copy(
                "The harbour will close in May for repairs to the wall.",
                None,
                "b",
                "2024-03-01",
            ),
            copy(LONG, Some("Ana Lind"), "c", "2024-03-02"),
        ];
        let groups = group(ranked, 1);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].copies.len(), 2, "a later copy still joins");
    }

    #[test]
    fn reported_speech_and_quotations_stay_apart() {
        let mut reported = copy(LONG, Some("Ana Lind"), "b", "2024-03-02");
        reported.0.reported = true;
        let groups = group(
            vec![copy(LONG, Some("Ana Lind"), "a", "2024-03-01"), reported],
            10,
        );
        assert_eq!(groups.len(), 2);
    }

    #[test]
    fn ties_in_the_vote_go_to_the_best_copy() {
        let ranked = vec![
            copy(LONG, Some("Piet Ros"), "a", "2024-03-01"),
            copy(LONG, Some("Ana Lind"), "b", "2024-03-01"),
        ];
        assert_eq!(group(ranked, 5)[0].speaker().as_deref(), Some("Piet Ros"));
    }
}

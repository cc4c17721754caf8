//! Linking mentions inside one article to canonical names.
//!
//! Persons: full mentions (two or more name words) that share their first and last key are
//! one person, whose canonical name is the fullest form used (most words; ties go to the
//! most frequent, then the earliest). A one-word mention ("Putin", from "Mr. Putin" or
//! "Putin's") links to the person whose last name it is; when several people share that
//! surname ("Donald Trump", "Ivanka Trump"), to the one whose full name was mentioned most
//! recently before it, or, when none precedes it, the one mentioned most often. A single
//! word matching no surname but exactly one person's first name links to that person.
//! Organisations: an acronym links to the full name it abbreviates when the article uses
//! both ("International Criminal Court (ICC)"); otherwise the canonical name is the text.
//! Locations: the text without a leading "the"; a dateline in capitals takes the article's
//! mixed-case form of the name, or is title-cased (see [`super::dateline`]).

use std::rc::Rc;

use super::dateline::dateline_name;
use super::{acronym, shared_name_keys};
use crate::extract::EntityKind;

/// One cleaned mention (titles and possessive already removed) at a body offset;
/// `dateline` is set for the place name of a dateline opening a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention<'a> {
    /// Person, organisation or place.
    pub kind: EntityKind,
    /// The cleaned mention.
    pub text: &'a str,
    /// Its position in reading order (title mentions after the body).
    pub start: usize,
    /// The place name of a dateline.
    pub dateline: bool,
}

/// One person: the key pair that identifies them and every full form used.
struct Person<'a> {
    first: String,
    last: String,
    /// (text, times used, first position), in order of first use.
    forms: Vec<(&'a str, usize, usize)>,
    positions: Vec<usize>,
}

impl Person<'_> {
    fn canonical(&self) -> &str {
        let weight = |t: &str| {
            t.split_whitespace()
                .filter(|w| w.trim_end_matches('.').chars().count() > 1)
                .count()
        };
        let mut best = &self.forms[0];
        for f in &self.forms[1..] {
            let better = (weight(f.0), f.1) > (weight(best.0), best.1);
            if better {
                best = f;
            }
        }
        best.0
    }

    fn last_before(&self, pos: usize) -> Option<usize> {
        self.positions.iter().copied().filter(|&p| p < pos).max()
    }
}

/// Canonical names for a list of mentions of one article, in the same order.
pub fn canonical_names(mentions: &[Mention], body: &str) -> Vec<String> {
    // Name keys of each person mention, computed once for clustering and linking.
    let keys: Vec<Option<Rc<[String]>>> = mentions
        .iter()
        .map(|m| (m.kind == EntityKind::Person).then(|| shared_name_keys(m.text)))
        .collect();
    let persons = cluster_persons(mentions, &keys);
    let acronyms = acronym_definitions(mentions, body);
    let names: Vec<String> = mentions
        .iter()
        .zip(&keys)
        .map(|(m, keys)| match (m.kind, keys) {
            (EntityKind::Person, Some(keys)) => person_canonical(&persons, m, keys),
            (EntityKind::Person, None) => m.text.to_string(),
            (EntityKind::Org, _) => acronyms
                .iter()
                .find(|(acr, _)| acr == m.text)
                .map(|(_, full)| full.clone())
                .unwrap_or_else(|| m.text.to_string()),
            (EntityKind::Place, _) if m.dateline => dateline_name(m.text, mentions),
            (EntityKind::Place, _) => m.text.to_string(),
        })
        .collect();
    // One plain space between words (no-break spaces and line breaks inside names).
    names.into_iter().map(single_spaced).collect()
}

/// The words of `name` joined by single plain spaces; returns `name` itself when it
/// already is (most names), without building a new string.
fn single_spaced(name: String) -> String {
    let spaced = !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ")
        && !name.contains(|c: char| c.is_whitespace() && c != ' ');
    if spaced {
        name
    } else {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Persons from the mentions that have keys (the person mentions), in order of first use.
fn cluster_persons<'a>(mentions: &[Mention<'a>], keys: &[Option<Rc<[String]>>]) -> Vec<Person<'a>> {
    let mut persons: Vec<Person> = Vec::new();
    for (m, keys) in mentions.iter().zip(keys) {
        let Some(keys) = keys else { continue };
        if keys.len() < 2 {
            continue;
        }
        let (first, last) = (keys[0].clone(), keys[keys.len() - 1].clone());
        let idx = match persons
            .iter()
            .position(|p| p.first == first && p.last == last)
        {
            Some(i) => i,
            None => {
                persons.push(Person {
                    first,
                    last,
                    forms: Vec::new(),
                    positions: Vec::new(),
                });
                persons.len() - 1
            }
        };
        let p = &mut persons[idx];
        p.positions.push(m.start);
        match p.forms.iter_mut().find(|f| f.0 == m.text) {
            Some(f) => f.1 += 1,
            None => p.forms.push((m.text, 1, m.start)),
        }
    }
    persons
}

fn person_canonical(persons: &[Person], m: &Mention, keys: &[String]) -> String {
    let pick = match keys {
        [] => None,
        [one] => pick_by_word(persons, one, m.start),
        [first, .., last] => persons
            .iter()
            .find(|p| &p.first == first && &p.last == last),
    };
    match pick {
        Some(p) => p.canonical().to_string(),
        None => m.text.to_string(),
    }
}

/// The person a one-word mention refers to (see the module documentation for the rule).
fn pick_by_word<'p, 'a>(
    persons: &'p [Person<'a>],
    word: &str,
    pos: usize,
) -> Option<&'p Person<'a>> {
    let by_last: Vec<&Person> = persons.iter().filter(|p| p.last == word).collect();
    if by_last.is_empty() {
        let by_first: Vec<&Person> = persons.iter().filter(|p| p.first == word).collect();
        return (by_first.len() == 1).then(|| by_first[0]);
    }
    let recent = by_last
        .iter()
        .filter_map(|p| p.last_before(pos).map(|at| (at, *p)))
        .max_by_key(|(at, _)| *at)
        .map(|(_, p)| p);
    recent.or_else(|| {
        // Most mentioned; `max_by_key` keeps the last maximum, so scan in reverse to
        // prefer the earliest person on ties.
        by_last
            .iter()
            .rev()
            .max_by_key(|p| p.positions.len())
            .copied()
    })
}

/// Acronym → full organisation name pairs the article establishes: an organisation
/// mention whose initials spell another organisation mention, or a body text
/// "Full Name (ACR)".
fn acronym_definitions(mentions: &[Mention], body: &str) -> Vec<(String, String)> {
    let orgs: Vec<&str> = mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Org)
        .map(|m| m.text)
        .collect();
    let mut out: Vec<(String, String)> = Vec::new();
    for &short in orgs.iter().filter(|t| is_acronym(t)) {
        let letters: String = short.chars().filter(|c| c.is_uppercase()).collect();
        let full = orgs
            .iter()
            .find(|full| !is_acronym(full) && acronym(full) == letters)
            .map(|s| s.to_string())
            .or_else(|| parenthesised_full_name(body, short));
        if let Some(full) = full {
            out.push((short.to_string(), full));
        }
    }
    out
}

fn is_acronym(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_uppercase()).count();
    (2..=8).contains(&letters)
        && text
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&' || c.is_ascii_digit())
}

/// Finds "Words Of The Name (ACR)" in the body and returns the words whose initials spell
/// the acronym.
fn parenthesised_full_name(body: &str, acr: &str) -> Option<String> {
    let needle = format!("({acr})");
    let at = body.find(&needle)?;
    let before = body[..at].trim_end();
    let words: Vec<&str> = before.split_whitespace().collect();
    let letters: String = acr.chars().filter(|c| c.is_uppercase()).collect();
    for take in 1..=words.len().min(10) {
        let cand = words[words.len() - take..].join(" ");
        if !words[words.len() - take]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        {
            continue;
        }
        if acronym(&cand) == letters {
            return Some(cand);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, start: usize) -> Mention<'_> {
        Mention {
            kind: EntityKind::Person,
            text,
            start,
            dateline: false,
        }
    }

    fn org(text: &str, start: usize) -> Mention<'_> {
        Mention {
            kind: EntityKind::Org,
            text,
            start,
            dateline: false,
        }
    }

    #[test]
    fn persons_link_to_fullest_name() {
        // Each case: mentions in article order, expected canonical for each.
        let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
            (
                vec!["Vladimir Putin", "Putin", "Putin"],
                vec!["Vladimir Putin", "Vladimir Putin", "Vladimir Putin"],
            ),
            (
                vec!["Putin", "Vladimir Putin"],
                vec!["Vladimir Putin", "Vladimir Putin"],
            ),
            (
                vec!["Donald Trump", "Ivanka Trump", "Trump"],
                vec!["Donald Trump", "Ivanka Trump", "Ivanka Trump"],
            ),
            (
                vec!["Donald Trump", "Trump", "Trump", "Ivanka Trump"],
                vec![
                    "Donald Trump",
                    "Donald Trump",
                    "Donald Trump",
                    "Ivanka Trump",
                ],
            ),
            (
                vec!["Hillary Clinton", "Hillary Rodham Clinton", "Clinton"],
                vec![
                    "Hillary Rodham Clinton",
                    "Hillary Rodham Clinton",
                    "Hillary Rodham Clinton",
                ],
            ),
            (
                vec!["Hillary Clinton", "Hillary"],
                vec!["Hillary Clinton", "Hillary Clinton"],
            ),
            (
                vec!["Zelenskyy", "Volodymyr Zelensky"],
                vec!["Volodymyr Zelensky", "Volodymyr Zelensky"],
            ),
            (vec!["Smith"], vec!["Smith"]),
        ];
        for (texts, want) in cases {
            let mentions: Vec<Mention> = texts
                .iter()
                .enumerate()
                .map(|(i, t)| person(t, i * 100))
                .collect();
            let got = canonical_names(&mentions, "");
            assert_eq!(got, want, "{texts:?}");
        }
    }

    #[test]
    fn names_are_single_spaced() {
        let cases = [
            ("Donald Trump", "Donald Trump"),
            ("Donald\u{a0}Trump", "Donald Trump"),
            ("Donald\nTrump", "Donald Trump"),
            ("Donald  Trump", "Donald Trump"),
            (" Trump ", "Trump"),
            ("Trump", "Trump"),
            ("", ""),
            (" ", ""),
        ];
        for (name, want) in cases {
            assert_eq!(single_spaced(name.to_string()), want, "{name:?}");
        }
    }

    #[test]
    fn acronyms_link_to_full_names() {
        let body = "The International Criminal Court (ICC) issued a warrant. The ICC said so.";
        let cases: Vec<(Vec<Mention>, Vec<&str>)> = vec![
            (
                vec![org("International Criminal Court", 4), org("ICC", 62)],
                vec![
                    "International Criminal Court",
                    "International Criminal Court",
                ],
            ),
            (vec![org("ICC", 62)], vec!["International Criminal Court"]),
            (vec![org("NATO", 0)], vec!["NATO"]),
        ];
        for (mentions, want) in cases {
            assert_eq!(canonical_names(&mentions, body), want);
        }
    }
}

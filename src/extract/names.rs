//! Canonical names: cleaning a tagged mention down to the name proper (no titles, no
//! possessive), linking short mentions to the fullest name in an article (see [`link`]),
//! and the folded keys that make person names match across the archive ([`name_keys`]).
//!
//! The rules are explained in `docs/NAMES.md`.

pub mod dateline;
pub mod fold;
pub mod link;
use crate::extract::lexicon::names::{
    FUNCTION_WORDS, ORG_HEADS, PLACE_NOUNS, TITLES, TITLE_SURNAMES,
};

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

pub use link::{canonical_names, Mention};

/// True for a function word that is never part of a name, whatever its case.
pub fn is_function_word(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    let set = SET.get_or_init(|| FUNCTION_WORDS.iter().map(|w| w.as_bytes()).collect());
    word.len() <= 12 && with_lowercase(word, |w| set.contains(w))
}

/// The lowercase form of a word, without allocating when it already is lowercase ASCII.
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Calls `f` with the bytes of the lowercase form of `word` (the string [`lowercase`]
/// gives), lowercasing short ASCII words in a stack buffer instead of allocating: the word
/// tests below run on every token of every article. The word lists are ASCII, so their
/// lookups take bytes.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 32];
    let owned;
    let lower = match buf.get_mut(..word.len()).filter(|_| word.is_ascii()) {
        Some(bytes) => {
            bytes.copy_from_slice(word.as_bytes());
            bytes.make_ascii_lowercase();
            &*bytes
        }
        None => {
            owned = lowercase(word);
            owned.as_bytes()
        }
    };
    f(lower)
}

/// True for a lowercase noun for a body or the people of a place ("council", "police",
/// "residents"): a name right before it names the place.
pub fn is_place_noun(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    let set = SET.get_or_init(|| PLACE_NOUNS.iter().map(|w| w.as_bytes()).collect());
    word.len() <= 16 && set.contains(word.as_bytes())
}

/// True for a title or honorific word ("President", "Sen.", "mr").
pub fn is_title(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    let set = SET.get_or_init(|| TITLES.iter().map(|w| w.as_bytes()).collect());
    with_lowercase(word.trim_end_matches('.'), |w| {
        set.contains(w) || w.ends_with(b"-elect") || w.ends_with(b"-based")
    })
}

/// True when a word starts with an uppercase letter (or a digit-free apostrophe form such
/// as O’Malley).
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Strips a possessive ('s, ’s, or a bare apostrophe after s) from the end of a word.
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return stem;
            }
        }
    }
    for suffix in ["’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.ends_with('s') {
                return stem;
            }
        }
    }
    word
}

/// Whitespace-separated words of `text` with their byte ranges.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Upper bound on memoised name keys per thread; the memo is cleared when full.
const NAME_KEYS_MEMO_LIMIT: usize = 50_000;

thread_local! {
    static NAME_KEYS: RefCell<FxHashMap<Box<str>, Rc<[String]>>> =
        RefCell::new(FxHashMap::default());
}

/// [`name_keys`] through a per-thread memo, shared instead of copied: an article names the
/// same people many times, extraction needs the keys of each mention at several stages,
/// and the index computes them again for every canonical name.
pub fn shared_name_keys(name: &str) -> Rc<[String]> {
    NAME_KEYS.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(keys) = memo.get(name) {
            return Rc::clone(keys);
        }
        let keys: Rc<[String]> = compute_name_keys(name).into();
        if memo.len() >= NAME_KEYS_MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(name.into(), Rc::clone(&keys));
        keys
    })
}

/// The byte range of the name proper inside a person mention: leading roles and titles
/// ("U.S. President", "Sen.", "Secretary of State"), leading lowercase words and a final
/// possessive are removed, and so are trailing lowercase words. `None` when no
/// capitalised word remains.
pub fn person_core(text: &str) -> Option<(usize, usize)> {
    let ws = words(text);
    let caps: Vec<bool> = ws
        .iter()
        .map(|&(s, e)| is_capitalized(&text[s..e]) && !is_function_word(&text[s..e]))
        .collect();
    // A possessive before more words is a modifier ("CNBC's Becky Quick"), like a title.
    let title: Vec<bool> = ws
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let w = &text[s..e];
            is_title(w) || (i + 1 < ws.len() && strip_possessive(w).len() < w.len())
        })
        .collect();
    let mut first = 0;
    for i in 0..ws.len() {
        let later_name = (i + 1..ws.len()).any(|j| caps[j] && !title[j]);
        if title[i] && later_name {
            first = i + 1;
            // "Secretary of State John Kerry": skip "of State" after a title.
            if i + 2 < ws.len() && &text[ws[i + 1].0..ws[i + 1].1] == "of" && caps[i + 2] {
                let rest = (i + 3..ws.len()).any(|j| caps[j] && !title[j]);
                if rest {
                    first = i + 3;
                }
            }
        }
    }
    // A lone title word is no name ("President"), unless it is also a common surname
    // ("King", as in Larry King said).
    let lone_surname = ws.len() == 1 && TITLE_SURNAMES.contains(&&text[ws[0].0..ws[0].1]);
    while first < ws.len() && (!caps[first] || (title[first] && !lone_surname)) {
        first += 1;
    }
    let mut last = ws.len();
    while last > first && !caps[last - 1] {
        last -= 1;
    }
    if first >= last {
        return None;
    }
    let start = ws[first].0;
    let end_word = &text[ws[last - 1].0..ws[last - 1].1];
    let end_word = strip_possessive(end_word.trim_end_matches([',', ';', ':']));
    let end = ws[last - 1].0 + end_word.len();
    (end > start).then_some((start, end))
}

/// A location mention without a leading "the" and without a possessive.
pub fn location_core(text: &str) -> (usize, usize) {
    let mut start = 0;
    for article in ["the ", "The "] {
        if text.starts_with(article) && text.len() > article.len() {
            start = article.len();
        }
    }
    let end = start + strip_possessive(&text[start..]).len();
    (start, end)
}

/// The match keys of a name, one per word: lowercased, accents folded (ü → u, ß → ss),
/// apostrophes unified (’ → '), transliteration variants normalised (Zelenskyy, Zelenskiy
/// → zelensky; Qassem → qasem), titles and possessives removed, and single-letter middle
/// initials dropped from names of three or more words ("Donald J. Trump" → donald trump).
/// The index stores these for every canonical person name and `--person` queries are
/// built from them.
pub fn name_keys(name: &str) -> Vec<String> {
    shared_name_keys(name).to_vec()
}

fn compute_name_keys(name: &str) -> Vec<String> {
    // Organisation and place names keep their words ("Justice Department", "General
    // Motors"); only person names lose titles.
    let core = if org_like(name) {
        let (s, e) = location_core(name.trim());
        &name.trim()[s..e]
    } else {
        match person_core(name) {
            Some((s, e)) => &name[s..e],
            None => name,
        }
    };
    let keys: Vec<String> = core
        .split(|c: char| c.is_whitespace() || c == '-' || c == '‐')
        .map(|w| fold::translit(&fold::fold(strip_possessive(w))))
        .filter(|k| !k.is_empty())
        .collect();
    if keys.len() < 3 {
        return keys;
    }
    let last = keys.len() - 1;
    keys.into_iter()
        .enumerate()
        .filter(|(i, k)| *i == 0 || *i == last || k.chars().count() > 1)
        .map(|(_, k)| k)
        .collect()
}

/// True when the last word of a name marks an organisation or place ("Supreme Court").
pub fn org_like(name: &str) -> bool {
    name.split_whitespace().next_back().is_some_and(|w| {
        with_lowercase(w.trim_end_matches('.'), |w| {
            ORG_HEADS.iter().any(|h| h.as_bytes() == w)
        })
    })
}

/// The acronym of an organisation name: initials of its capitalised words
/// ("International Criminal Court" → "ICC").
pub fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| is_capitalized(w))
        .filter_map(|w| w.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(name: &str) -> String {
        name_keys(name).join(" ")
    }

    #[test]
    fn keys_fold_and_normalise() {
        let cases = [
            ("Vladimir Putin", "vladimir putin"),
            ("Putin", "putin"),
            ("Putin’s", "putin"),
            ("President Putin", "putin"),
            ("Mr. Putin", "putin"),
            ("Zelenskyy", "zelensky"),
            ("Volodymyr Zelenskiy", "volodymyr zelensky"),
            ("Zelenskyi", "zelensky"),
            ("Qassem Soleimani", "qasem soleimany"),
            ("Angela Müller", "angela muler"),
            ("Martin O’Malley", "martin o'maley"),
            ("Martin O'Malley", "martin o'maley"),
            ("Donald J. Trump", "donald trump"),
            ("Jean-Luc Mélenchon", "jean luc melenchon"),
            ("Trumpington", "trumpington"),
            ("Justice Department", "justice department"),
            ("General Motors", "general motors"),
            ("the Supreme Court", "supreme court"),
            (
                "Republican National Committee",
                "republican national comite",
            ),
            ("Justice Antonin Scalia", "antonin scalia"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(keys(input), want, "{input}");
        }
    }

    #[test]
    fn keys_keep_people_apart() {
        assert_ne!(keys("Ivanka Trump"), keys("Donald Trump"));
        assert!(!name_keys("Trumpington").contains(&"trump".to_string()));
    }

    #[test]
    fn person_core_strips_titles() {
        let cases = [
            ("U.S. President Donald Trump", Some("Donald Trump")),
            ("Russian President Vladimir Putin", Some("Vladimir Putin")),
            ("Sen. Elizabeth Warren", Some("Elizabeth Warren")),
            ("Mr. Obama", Some("Obama")),
            ("Putin’s", Some("Putin")),
            ("Secretary of State John Kerry", Some("John Kerry")),
            ("House Speaker Paul Ryan", Some("Paul Ryan")),
            ("former Prime Minister Tony Blair's", Some("Tony Blair")),
            ("President", None),
            ("King", Some("King")),
            ("King Abdullah", Some("Abdullah")),
            ("the spokesman", None),
            ("Despite Trump’s", Some("Trump")),
            ("CNBC's Becky Quick", Some("Becky Quick")),
            ("Comedian Sarah Silverman", Some("Sarah Silverman")),
            ("New York Mayor Bill de Blasio", Some("Bill de Blasio")),
            ("The Kremlin", Some("Kremlin")),
            ("", None),
        ];
        for (input, want) in cases {
            let got = person_core(input).map(|(s, e)| &input[s..e]);
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn location_core_trims_article() {
        let cases = [
            ("the United States", "United States"),
            ("Ukraine", "Ukraine"),
            ("Russia’s", "Russia"),
            ("the", "the"),
        ];
        for (input, want) in cases {
            let (s, e) = location_core(input);
            assert_eq!(&input[s..e], want, "{input}");
        }
    }

    #[test]
    fn stack_lowercasing_matches_allocating_lowercasing() {
        let long = "Supercalifragilisticexpialidocious-Elect";
        let cases = [
            "President",
            "sen",
            "GOVERNOR",
            "Président",
            "ÉLYSÉE",
            "İstanbul",
            "",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEF",
            "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG",
            long,
        ];
        for word in cases {
            let want = word.to_lowercase();
            assert_eq!(
                with_lowercase(word, <[u8]>::to_vec),
                want.as_bytes(),
                "{word}"
            );
        }
        let titles = [
            ("President", true),
            ("SEN.", true),
            ("Governor-Elect", true),
            ("London-based", true),
            ("Very-Long-Hyphenated-Place-Name-Based", true),
            ("Président", false),
            ("Putin", false),
        ];
        for (word, want) in titles {
            assert_eq!(is_title(word), want, "{word}");
        }
        let function_words = [("The", true), ("DESPITE", true), ("Despot", false)];
        for (word, want) in function_words {
            assert_eq!(is_function_word(word), want, "{word}");
        }
    }

    #[test]
    fn memoised_keys_equal_computed_keys() {
        let names = [
            "Donald J. Trump",
            "Mr. Putin",
            "Zelenskyy",
            "the Supreme Court",
            "Donald J. Trump",
            "",
        ];
        for name in names {
            let want = compute_name_keys(name);
            // First call fills the memo, the second is answered from it.
            assert_eq!(name_keys(name), want, "{name}");
            assert_eq!(name_keys(name), want, "{name} (memoised)");
            assert_eq!(shared_name_keys(name).to_vec(), want, "{name} (shared)");
        }
        assert_eq!(name_keys("Donald J. Trump"), ["donald", "trump"]);
    }

    #[test]
    fn acronyms() {
        assert_eq!(acronym("International Criminal Court"), "ICC");
        assert_eq!(acronym("North Atlantic Treaty Organization"), "NATO");
        assert_eq!(acronym("Bank of England"), "BE");
    }
}

//! A small tokenizer for attribution: words (with internal apostrophes, hyphens and the
//! periods of abbreviations such as "Mr." and "U.S."), quotation marks and other
//! punctuation, each with its byte range and paragraph number. Linear in the body.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::extract::EntityKind;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// A quotation mark (any of “ ” " « » „ ‘ ’ ' not inside a word).
    Mark,
    Punct,
}

/// One token of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub para: usize,
    /// Inside the content of a quotation.
    pub quoted: bool,
    /// Kind of the tagger entity the token is part of, if any.
    pub entity: Option<EntityKind>,
}

/// Abbreviations whose final period belongs to the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "capt", "sgt", "adm", "st",
    "jr", "sr", "rev", "prof", "pres", "sept", "sep", "oct", "nov", "dec", "jan", "feb", "aug",
    "corp", "inc", "co", "ltd", "vs", "mt", "ft", "del", "cmdr", "det", "no", "gens", "reps",
    "sens", "messrs", "calif", "fla", "wash", "mass", "ariz", "tenn", "ind", "ill",
];

/// True for a word in [`ABBREVIATIONS`], in any case.
fn is_abbreviation(word: &str) -> bool {
    static SET: OnceLock<FxHashSet<&'static [u8]>> = OnceLock::new();
    let set = SET.get_or_init(|| ABBREVIATIONS.iter().map(|a| a.as_bytes()).collect());
    crate::extract::names::with_lowercase(word, |lower| set.contains(lower))
}

/// True for the quotation-mark characters.
pub fn is_mark(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '«' | '»' | '„' | '‘' | '’' | '\'' | '‟' | '‹' | '›'
    )
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‐')
}

/// Tokenizes the whole body.
pub fn tokenize(body: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(body.len() / 5);
    let mut para = 0;
    let mut pos = 0;
    let bytes = body.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        let i = pos;
        // ASCII is decided from the byte alone (the same answers as the char tests below).
        let c = if b.is_ascii() {
            pos += 1;
            match b {
                b'\n' => {
                    para += 1;
                    continue;
                }
                b'\t'..=b'\r' | b' ' => continue,
                _ => char::from(b),
            }
        } else {
            let Some(c) = body[pos..].chars().next() else {
                break;
            };
            pos += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            c
        };
        let kind = if c.is_alphanumeric() {
            Kind::Word
        } else if is_mark(c) {
            Kind::Mark
        } else {
            Kind::Punct
        };
        let mut end = pos;
        if kind == Kind::Word {
            // Continue after the characters the word consumed (`end` is a char boundary).
            end = word_end(body, end);
            pos = end;
        }
        toks.push(Tok {
            start: i,
            end,
            kind,
            para,
            quoted: false,
            entity: None,
        });
    }
    toks
}

/// The end of the word starting before `from`: alphanumerics, joined by apostrophes,
/// hyphens and periods when a letter or digit follows, plus the final period of an
/// abbreviation or initial.
fn word_end(body: &str, from: usize) -> usize {
    // A run of ASCII letters and digits first (most of most words), then char by char.
    let ascii_run = body.as_bytes()[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let scan = from + ascii_run;
    let mut end = scan;
    let mut chars = body[scan..].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        if c.is_alphanumeric() {
            end = scan + off + c.len_utf8();
            continue;
        }
        let next_alnum = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if is_inner_joiner(c) && next_alnum {
            continue;
        }
        break;
    }
    if body[end..].starts_with('.') {
        let word = &body[from - first_len(body, from)..end];
        let abbreviation = is_abbreviation(word);
        let single_cap = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        // Party and state labels: (R-Ohio.), R-Ky., D-Md.
        let party =
            word.len() > 2 && word.as_bytes()[1] == b'-' && word.starts_with(['R', 'D', 'I']);
        if single_cap || party || word.contains('.') || abbreviation {
            end += 1;
        }
    }
    end
}

/// Byte length of the character that ends just before `at` (the first char of a word).
fn first_len(body: &str, at: usize) -> usize {
    body[..at].chars().next_back().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str) -> Vec<&str> {
        tokenize(body)
            .iter()
            .map(|t| &body[t.start..t.end])
            .collect()
    }

    #[test]
    fn tokenizes_words_marks_and_abbreviations() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("Mr. Putin’s talks", vec!["Mr.", "Putin’s", "talks"]),
            ("the U.S. team.", vec!["the", "U.S.", "team", "."]),
            (
                "Ryan, R-Wis., said",
                vec!["Ryan", ",", "R-Wis.", ",", "said"],
            ),
            (
                "“Go,” she said.",
                vec!["“", "Go", ",", "”", "she", "said", "."],
            ),
            ("Donald J. Trump", vec!["Donald", "J.", "Trump"]),
            ("don’t stop", vec!["don’t", "stop"]),
            ("the ’90s", vec!["the", "’", "90s"]),
            ("a well-paid job", vec!["a", "well-paid", "job"]),
            ("Zürich.", vec!["Zürich", "."]),
            (
                "SEN. Cruz and GOV. Abbott",
                vec!["SEN.", "Cruz", "and", "GOV.", "Abbott"],
            ),
            ("Ein Café. Mr.", vec!["Ein", "Café", ".", "Mr."]),
            (
                "Ünal said — “Ja.”",
                vec!["Ünal", "said", "—", "“", "Ja", ".", "”"],
            ),
            ("", vec![]),
        ];
        for (body, want) in cases {
            assert_eq!(texts(body), want, "{body}");
        }
    }

    #[test]
    fn counts_paragraphs() {
        let toks = tokenize("One.\n\nTwo");
        assert_eq!(toks.last().map(|t| t.para), Some(2));
    }
}

//! Named-entity tagger: finds person, organisation, location (and misc) spans in free text.
//!
//! A greedy averaged-perceptron tagger over BILOU tags (see `docs/NER.md`): text is cut into
//! CoNLL-style tokens and sentences ([`tokenize`]), each token is described by hashed features
//! ([`features`]) and tagged left to right with the previous tags and the document history as
//! extra features ([`decode`]). The trained weights (`models/ner.bin`, built by
//! `examples/train_ner.rs` with the `train` module) are compiled into the binary and parsed
//! once. The training code (`train`, `cluster`, `gazetteer`, the lexicon builder and the
//! headline recasing of `conll`) is built only with the cargo feature `train`:
//! `cargo run --release --features train --example train_ner`.

#[cfg(feature = "train")]
pub mod cluster;
pub mod conll;
pub mod decode;
pub mod features;
#[cfg(feature = "train")]
pub mod gazetteer;
pub mod lexicon;
pub mod model;
mod score;
pub mod tokenize;
#[cfg(feature = "train")]
pub mod train;

use crate::extract::lexicon::names::{PERSON_HONORIFICS, PERSON_TITLES};
use crate::extract::names::org_like;
use model::{Model, ModelError};
use std::sync::OnceLock;

/// Entity labels the tagger predicts (CoNLL-2003 types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Other names (nationalities, events, works); not indexed.
    Misc,
}

/// One tagged span; `start`/`end` are byte offsets into the tagged text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// What the tagger calls it.
    pub label: Label,
    /// Byte offset of its start.
    pub start: usize,
    /// Byte offset just past its end.
    pub end: usize,
}

/// The model compiled into the binary.
static MODEL_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");

/// A loaded tagger.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    model: Model,
}

impl Tagger {
    /// Parses a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    /// Wraps an already built model (used by training to evaluate between epochs).
    pub fn from_model(model: Model) -> Tagger {
        Tagger { model }
    }

    /// The tagger built into the binary (an empty tagger if the model failed to parse).
    pub fn builtin() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(MODEL_BYTES).unwrap_or_default())
    }

    /// Number of weight rows in the model.
    pub fn model_rows(&self) -> usize {
        self.model.len()
    }

    /// Tags tokens of `text` (from [`tokenize::tokenize`]); returns one BILOU tag per token
    /// (see [`decode`]; [`decode::runs`] turns them into entities).
    pub fn tag_tokens(&self, text: &str, tokens: &[tokenize::Token]) -> Vec<u8> {
        let sentences = tokenize::sentences(text, tokens);
        let mut tags = score::tag(&self.model, text, tokens, &sentences);
        honorifics_make_people(text, tokens, &mut tags);
        tags
    }

    /// Tags named entities in free text of any length (sentences are split inside).
    pub fn tag(&self, text: &str) -> Vec<Span> {
        let tokens = tokenize::tokenize(text);
        let tags = self.tag_tokens(text, &tokens);
        decode::runs(&tags)
            .into_iter()
            .map(|(ty, a, b)| Span {
                label: decode::label(ty),
                start: tokens[a].start,
                end: tokens[b - 1].end,
            })
            .collect()
    }
}

/// An entity right after an honorific ("Mr. Trump", "Dr Ruth Okafor") is a person, whatever
/// type the model gave it: the training data has too few honorifics to learn this reliably.
/// So is one right after a capitalised person's title ("President Obama", "Chancellor
/// Merkel"), unless it ends in an organisation or place head word ("Prince William County").
fn honorifics_make_people(text: &str, tokens: &[tokenize::Token], tags: &mut [u8]) {
    for (ty, a, b) in decode::runs(tags) {
        let Some(prev) = a.checked_sub(1).and_then(|p| tokens.get(p)) else {
            continue;
        };
        let word = text.get(prev.start..prev.end).unwrap_or("");
        let word = word.strip_suffix('.').unwrap_or(word);
        let is = |list: &[&str]| list.iter().any(|h| h.eq_ignore_ascii_case(word));
        let name = text.get(tokens[a].start..tokens[b - 1].end).unwrap_or("");
        let titled = is(PERSON_TITLES) && word.starts_with(char::is_uppercase) && !org_like(name);
        if ty != 0 && (is(PERSON_HONORIFICS) || titled) {
            for (i, t) in tags[a..b].iter_mut().enumerate() {
                *t = decode::make_tag(0, i > 0);
            }
        }
    }
}

/// Tags named entities in free text of any length (sentences are split inside).
pub fn tag(text: &str) -> Vec<Span> {
    Tagger::builtin().tag(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(Label, &str)> {
        tag(text)
            .into_iter()
            .map(|s| (s.label, &text[s.start..s.end]))
            .collect()
    }

    type Case<'a> = (&'a str, &'a [(Label, &'a str)]);

    fn check(cases: &[Case]) {
        for (text, want) in cases {
            assert_eq!(&spans(text), want, "{text}");
        }
    }

    #[test]
    fn tags_names_with_titles_possessives_and_spelling() {
        use Label::*;
        check(&[
            // Titles and honorifics stay outside the name; possessives are cut off.
            (
                "President Vladimir Putin's visit to Paris was cancelled.",
                &[(Per, "Vladimir Putin"), (Loc, "Paris")],
            ),
            (
                "Sen. Elizabeth Warren criticised Goldman Sachs on Tuesday.",
                &[(Per, "Elizabeth Warren"), (Org, "Goldman Sachs")],
            ),
            (
                "Germany's Chancellor Helmut Kohl met French President Jacques Chirac.",
                &[
                    (Loc, "Germany"),
                    (Per, "Helmut Kohl"),
                    (Misc, "French"),
                    (Per, "Jacques Chirac"),
                ],
            ),
            // Curly apostrophes and quotes, em dashes.
            (
                "Clinton’s aides said Yeltsin’s health was “improving” — slowly.",
                &[(Per, "Clinton"), (Per, "Yeltsin")],
            ),
            // Initials, hyphens, accents, Mc and O' names.
            (
                "Donald J. Trump spoke to reporters in Ohio.",
                &[(Per, "Donald J. Trump"), (Loc, "Ohio")],
            ),
            (
                "Jean-Luc Mélenchon and Rory McIlroy met Sinéad O'Connor in Dublin.",
                &[
                    (Per, "Jean-Luc Mélenchon"),
                    (Per, "Rory McIlroy"),
                    (Per, "Sinéad O'Connor"),
                    (Loc, "Dublin"),
                ],
            ),
        ]);
    }

    #[test]
    fn tags_datelines_headlines_and_sentence_starts() {
        use Label::*;
        check(&[
            // Datelines.
            (
                "MOSCOW (Reuters) - Russian troops left the town on Monday.",
                &[(Loc, "MOSCOW"), (Org, "Reuters"), (Misc, "Russian")],
            ),
            (
                "NEW YORK (Reuters) - Shares of IBM rose on Tuesday.",
                &[(Loc, "NEW YORK"), (Org, "Reuters"), (Org, "IBM")],
            ),
            // All-caps headline.
            (
                "GERMANY BEAT FRANCE IN PARIS FRIENDLY",
                &[(Loc, "GERMANY"), (Loc, "FRANCE"), (Loc, "PARIS")],
            ),
            // Title-case headlines: capitalised common words are not names.
            (
                "Talks Between Israel And Syria Stall In Washington",
                &[(Loc, "Israel"), (Loc, "Syria"), (Loc, "Washington")],
            ),
            (
                "Merkel Wins Fourth Term As Far Right Surges",
                &[(Per, "Merkel")],
            ),
            // Sentence-initial capitals that are not names.
            ("Yesterday the company said profits rose sharply.", &[]),
            (
                "However, Microsoft said it would appeal.",
                &[(Org, "Microsoft")],
            ),
            (
                "Officials said the plan was sound. Later, Mr. Netanyahu spoke to Arafat.",
                &[(Per, "Netanyahu"), (Per, "Arafat")],
            ),
            // Honorifics make people even of names the model reads as places.
            (
                "Prime Minister Narendra Modi met Mr. Trump in New Delhi.",
                &[(Per, "Narendra Modi"), (Per, "Trump"), (Loc, "New Delhi")],
            ),
            (
                "Dr Jordan and Mrs. Lincoln arrived.",
                &[(Per, "Jordan"), (Per, "Lincoln")],
            ),
        ]);
    }

    #[test]
    fn never_panics_and_spans_are_valid() {
        let long = "Aa".repeat(50_000);
        let texts = [
            "",
            " ",
            "\u{0}\u{1}\u{7f}",
            "’",
            "'s",
            "Ünïcödé Straße in München — “Zürich”",
            "日本の東京で会議が開かれた。",
            "A.B.C.D.E.F. ... !!! ??? ’’’ “”",
            long.as_str(),
            "Mr.\nSmith\r\n\tvisited\u{2028}Oslo",
        ];
        for text in texts {
            for s in tag(text) {
                assert!(
                    s.start < s.end && text.get(s.start..s.end).is_some(),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn survives_random_text() {
        let pool: Vec<char> = "aZ.'’“”—-\n \t\u{0}é日stn()$1,USMr".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in [1usize, 7, 300, 20_000] {
            let text: String = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    pool[(state % pool.len() as u64) as usize]
                })
                .collect();
            let mut last_end = 0;
            for s in tag(&text) {
                assert!(
                    s.start >= last_end && s.start < s.end,
                    "overlapping or empty span"
                );
                assert!(
                    text.get(s.start..s.end).is_some(),
                    "span not on char boundaries"
                );
                last_end = s.end;
            }
        }
    }

    #[test]
    fn builtin_model_loads() {
        assert!(Tagger::builtin().model_rows() > 10_000);
        assert_eq!(
            Tagger::from_bytes(b"junk").err(),
            Some(ModelError::Truncated)
        );
    }
}

//! Text analyzers registered on every opened index, for indexing and query parsing alike.
//!
//! - `news`: words, lowercased, accents folded ("Zürich" → "zurich"), English stemming
//!   through a per-thread cache (most tokens repeat, and stemming is the costliest step).
//! - `folded`: words, lowercased and folded, no stemming (authors, sources, tags).
//! - `name`: the archive-wide match keys of [`crate::extract::names::name_keys`], so
//!   "Zelenskyy" and "Zelensky" meet in the index and "Trump" never matches "Trumpington".

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};
use tantivy::Index;

pub const NEWS: &str = "news";
pub const FOLDED: &str = "folded";
pub const NAME: &str = "name";
/// Words exactly as written (the `exact` field).
pub const EXACT: &str = "exact";

/// Words longer than this (in bytes) are not indexed: they are noise (base64, URLs).
const MAX_TOKEN_LEN: usize = 40;

/// Registers the analyzers on an index; call on every open.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(NEWS, news_analyzer());
    manager.register(FOLDED, folded_analyzer());
    manager.register(NAME, TextAnalyzer::from(NameTokenizer));
    manager.register(EXACT, exact_analyzer());
}

/// The analyzer registered under `name` (one of the constants above), without an index.
pub fn by_name(name: &str) -> Option<TextAnalyzer> {
    Some(match name {
        NEWS => news_analyzer(),
        FOLDED => folded_analyzer(),
        NAME => TextAnalyzer::from(NameTokenizer),
        EXACT => exact_analyzer(),
        _ => return None,
    })
}

/// The analyzer of the `exact` copy of title and body: words as written, case and accents
/// kept, nothing stemmed (`exact:"Zürich"`, `--exact`).
fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .build()
}

/// The analyzer for title, body and quotes.
pub fn news_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// English stemming with a per-thread memo of recent stems.
#[derive(Clone, Copy, Default)]
pub struct CachedStemmer;

thread_local! {
    // Words are stored inline in the table (see `Short`), stems as an edit of the word
    // (see `Edit`), hashed with FxHash: with heap-allocated keys, following the key
    // pointer to compare it was the largest cost of a lookup in a table of this size,
    // SipHash the next, and copying every stem back into the token after that.
    static STEMS: RefCell<FxHashMap<Short, Edit>> = RefCell::new(FxHashMap::default());
    static STEMMER: RefCell<TextAnalyzer> = RefCell::new(
        TextAnalyzer::builder(RawOne)
            .filter(Stemmer::new(Language::English))
            .build(),
    );
}

/// Upper bound on cached stems per thread; the cache is cleared when full.
const STEM_CACHE_LIMIT: usize = 200_000;

/// Longest word (in bytes) the stem cache holds; longer ones are rare and stemmed directly.
const SHORT_MAX: usize = 23;

/// A string of at most [`SHORT_MAX`] bytes stored inline: length, then the bytes,
/// zero-padded (so derived equality and hashing see only the string).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Short([u8; SHORT_MAX + 1]);

impl Short {
    fn new(s: &str) -> Option<Short> {
        let mut buf = [0u8; SHORT_MAX + 1];
        buf.get_mut(1..=s.len())?.copy_from_slice(s.as_bytes());
        buf[0] = s.len() as u8;
        Some(Short(buf))
    }

    #[cfg(test)]
    fn as_str(&self) -> &str {
        // Always a whole string given to `new`, so always valid UTF-8.
        std::str::from_utf8(&self.0[1..=usize::from(self.0[0])]).unwrap_or_default()
    }
}

/// Longest ending (in bytes) an [`Edit`] appends.
const EDIT_MAX: usize = 6;

/// A stem as an edit of its word: keep the first `.0[0]` bytes, then append the `.0[1]`
/// bytes that follow ("companies" → keep 6, append "i"). Most stems are a prefix of
/// their word, so applying one usually copies nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edit([u8; EDIT_MAX + 2]);

impl Edit {
    /// The edit turning `word` into `stem`, or `None` when the appended ending would be
    /// longer than [`EDIT_MAX`] bytes.
    fn new(word: &str, stem: &str) -> Option<Edit> {
        let mut keep = word
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        while !stem.is_char_boundary(keep) {
            keep -= 1;
        }
        let ending = &stem.as_bytes()[keep..];
        let mut buf = [0u8; EDIT_MAX + 2];
        buf.get_mut(2..2 + ending.len())?.copy_from_slice(ending);
        buf[0] = u8::try_from(keep).ok()?;
        buf[1] = ending.len() as u8;
        Some(Edit(buf))
    }

    /// Applies the edit to the word it was made from; `false` (word unchanged) if the
    /// word does not fit it.
    fn apply(&self, word: &mut String) -> bool {
        let keep = usize::from(self.0[0]);
        let ending = std::str::from_utf8(&self.0[2..2 + usize::from(self.0[1])]);
        match ending {
            Ok(ending) if keep <= word.len() && word.is_char_boundary(keep) => {
                word.truncate(keep);
                if !ending.is_empty() {
                    word.push_str(ending);
                }
                true
            }
            _ => false,
        }
    }
}

fn stem_cached(word: &mut String) {
    let Some(key) = Short::new(word) else {
        *word = stem_uncached(word);
        return;
    };
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(edit) = cache.get(&key) {
            if edit.apply(word) {
                return;
            }
        }
        let stem = stem_uncached(word);
        if let Some(edit) = Edit::new(word, &stem) {
            if cache.len() >= STEM_CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, edit);
        }
        *word = stem;
    })
}

/// The English stem of one word, through a per-thread tantivy stemmer.
fn stem_uncached(word: &str) -> String {
    STEMMER.with(|analyzer| {
        let mut analyzer = analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(word);
        match stream.next() {
            Some(token) => token.text.clone(),
            None => word.to_string(),
        }
    })
}

/// A tokenizer that yields its whole input as one token (used to drive tantivy's stemmer).
#[derive(Clone, Default)]
struct RawOne;

struct RawOneStream {
    token: Token,
    done: bool,
}

impl Tokenizer for RawOne {
    type TokenStream<'a> = RawOneStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> RawOneStream {
        let token = Token {
            offset_from: 0,
            offset_to: text.len(),
            position: 0,
            text: text.to_string(),
            position_length: 1,
        };
        RawOneStream { token, done: false }
    }
}

impl TokenStream for RawOneStream {
    fn advance(&mut self) -> bool {
        let first = !self.done;
        self.done = true;
        first
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerTokenizer<T>;
    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerTokenizer<T> {
        CachedStemmerTokenizer(tokenizer)
    }
}

#[derive(Clone)]
pub struct CachedStemmerTokenizer<T>(T);

impl<T: Tokenizer> Tokenizer for CachedStemmerTokenizer<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream(self.0.token_stream(text))
    }
}

pub struct CachedStemmerStream<S>(S);

impl<S: TokenStream> TokenStream for CachedStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.0.advance() {
            return false;
        }
        stem_cached(&mut self.0.token_mut().text);
        true
    }
    fn token(&self) -> &Token {
        self.0.token()
    }
    fn token_mut(&mut self) -> &mut Token {
        self.0.token_mut()
    }
}

/// Splits a name into its match keys, one token per key, consecutive positions.
#[derive(Clone, Default)]
pub struct NameTokenizer;

pub struct NameStream {
    tokens: std::vec::IntoIter<Token>,
    current: Token,
}

impl Tokenizer for NameTokenizer {
    type TokenStream<'a> = NameStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> NameStream {
        let tokens: Vec<Token> = crate::extract::names::name_keys(text)
            .into_iter()
            .enumerate()
            .map(|(position, key)| Token {
                offset_from: 0,
                offset_to: text.len(),
                position,
                text: key,
                position_length: 1,
            })
            .collect();
        NameStream {
            tokens: tokens.into_iter(),
            current: Token::default(),
        }
    }
}

impl TokenStream for NameStream {
    fn advance(&mut self) -> bool {
        match self.tokens.next() {
            Some(token) => {
                self.current = token;
                true
            }
            None => false,
        }
    }
    fn token(&self) -> &Token {
        &self.current
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            out.push(token.text.clone());
        }
        out
    }

    #[test]
    fn news_analyzer_folds_stems_and_splits_apostrophes() {
        let cases: &[(&str, &[&str])] = &[
            ("Zürich bankers", &["zurich", "banker"]),
            ("There’s no deal", &["there", "s", "no", "deal"]),
            ("There's no deal", &["there", "s", "no", "deal"]),
            ("Ministers resigned", &["minist", "resign"]),
        ];
        for (text, expected) in cases {
            assert_eq!(tokens(news_analyzer(), text), *expected, "{text}");
            // Second run goes through the cache and must agree.
            assert_eq!(tokens(news_analyzer(), text), *expected, "{text} (cached)");
        }
    }

    #[test]
    fn cached_stems_equal_uncached_stems() {
        let long = "internationalisations-counterproposals";
        let words = [
            "running",
            "companies",
            "ministers",
            "generously",
            "zurich",
            "a",
            "",
            "établissements",
            "abcdefghijklmnopqrstuvw",
            "abcdefghijklmnopqrstuvwx",
            long,
        ];
        for w in words {
            let want = stem_uncached(w);
            for round in ["first", "cached"] {
                let mut got = w.to_string();
                stem_cached(&mut got);
                assert_eq!(got, want, "{w} ({round})");
            }
        }
        assert_eq!(stem_uncached("companies"), "compani");
        assert_eq!(stem_uncached("running"), "run");
    }

    #[test]
    fn short_strings_round_trip_up_to_the_limit() {
        for s in ["", "é", "twenty-three bytes long", "zürich"] {
            assert_eq!(
                Short::new(s).map(|k| k.as_str().to_string()),
                Some(s.into())
            );
        }
        assert!(Short::new("twenty-four bytes long!!").is_none());
        assert_ne!(Short::new("ab"), Short::new("ab\0"));
        assert_ne!(Short::new("abcdefgh"), Short::new("abcdefgh\0"));
        assert_ne!(Short::new("abcdefghi"), Short::new("abcdefghj"));
        assert_eq!(Short::new("abcdefghi"), Short::new("abcdefghi"));
    }

    #[test]
    fn edits_turn_words_into_their_stems() {
        let cases = [
            ("ministers", "minist"),
            ("companies", "compani"),
            ("said", "said"),
            ("généreux", "génér"),
            ("naïve", "naïv"),
            ("ab", "xyz"),
            ("é", "e"),
            ("", ""),
        ];
        for (word, stem) in cases {
            let edit = Edit::new(word, stem).expect("short ending");
            let mut got = word.to_string();
            assert!(edit.apply(&mut got), "{word}");
            assert_eq!(got, stem, "{word}");
        }
        // Endings longer than EDIT_MAX bytes are not cached.
        assert!(Edit::new("a", "bcdefgh").is_none());
        assert!(Edit::new("a", "bcdefg").is_some());
        // The prefix is cut back to a character boundary of the stem.
        let edit = Edit::new("aé", "aè").expect("short ending");
        assert_eq!(edit.0[0], 1);
        // An edit never applies where it would split a character.
        let mut word = "é".to_string();
        assert!(!Edit::new("ab", "a").expect("edit").apply(&mut word));
        assert_eq!(word, "é");
    }

    #[test]
    fn long_tokens_are_dropped() {
        let long = "x".repeat(200);
        assert_eq!(
            tokens(news_analyzer(), &format!("a {long} b")),
            vec!["a", "b"]
        );
    }
}

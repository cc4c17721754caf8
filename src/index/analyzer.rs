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

/// Words longer than this (in bytes) are not indexed: they are noise (base64, URLs).
const MAX_TOKEN_LEN: usize = 40;

/// Registers the analyzers on an index; call on every open.
pub fn register(index: &Index) {
    let manager = index.tokenizers();
    manager.register(NEWS, news_analyzer());
    manager.register(FOLDED, folded_analyzer());
    manager.register(NAME, TextAnalyzer::from(NameTokenizer));
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
    // Keyed by short lowercase words: a fast non-cryptographic hash (FxHash) is enough, the
    // keys are not attacker-chosen in any way that matters for a bounded per-thread memo,
    // and SipHash was a tenth of the stemming cost.
    static STEMS: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::new(FxHashMap::default());
}

/// Upper bound on cached stems per thread; the cache is cleared when full.
const STEM_CACHE_LIMIT: usize = 200_000;

fn stem_cached(word: &mut String) {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(stem) = cache.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem = stem_uncached(word);
        if cache.len() >= STEM_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(std::mem::take(word).into_boxed_str(), stem.as_str().into());
        *word = stem;
    })
}

fn stem_uncached(word: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(RawOne)
        .filter(Stemmer::new(Language::English))
        .build();
    let mut stream = analyzer.token_stream(word);
    match stream.next() {
        Some(token) => token.text.clone(),
        None => word.to_string(),
    }
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
    fn long_tokens_are_dropped() {
        let long = "x".repeat(200);
        assert_eq!(
            tokens(news_analyzer(), &format!("a {long} b")),
            vec!["a", "b"]
        );
    }
}

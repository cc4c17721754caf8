//! The extractor's English: every hand-written word list of `extract` lives here, so that
//! adapting the extractor to another language or house style means editing one module.
//!
//! - [`names`]: titles, honorifics, function words and weekdays, name connectors and
//!   particles, organisation head words, place particles and place nouns (name cleaning,
//!   span joining, kind rules);
//! - [`tagger`]: the tagger's gazetteer words, tokeniser abbreviations and headline small
//!   words;
//! - [`quotes`]: reporting verbs and nouns, pronouns and given names with their gender
//!   (quote attribution).
//!
//! The lists are plain `&[&str]` constants in lowercase (except where a list says otherwise);
//! the modules that use them build their own lookup sets. The tagger's word table
//! (`ner::lexicon`) is something else: case statistics and clusters learnt from text, keyed
//! by word hashes.

pub mod names;
pub mod quotes;
pub mod tagger;

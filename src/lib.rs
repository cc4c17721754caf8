//! newsdex: a search engine for news archives.
//!
//! The library is a pipeline of stages, each a module with a narrow typed interface:
//! [`corpus`] walks folders → [`article`] parses one file into articles → [`extract`] finds
//! people, organisations, places and quotations → [`index`] owns the Tantivy schema and writes
//! documents → [`search`] builds queries, ranks and makes snippets → [`render`] prints results
//! for people or as JSON; [`serve`] answers the same requests over HTTP with a search page.
//! [`cli`] is the only module that knows the command line.

pub mod article;
pub mod cli;
pub mod corpus;
pub mod extract;
pub mod index;
pub mod ingest;
pub mod render;
pub mod search;
pub mod serve;

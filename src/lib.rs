//! newsdex: a search engine for news archives.
//!
//! The library is a pipeline of stages, each a module with a narrow typed interface:
//! `corpus` walks folders → [`article`] parses one file into articles → [`extract`] finds
//! people, organisations, places and quotations → `index` owns the Tantivy schema, writes
//! documents and reads them back → [`search`] takes the typed requests of every front end
//! (the search contract: [`search::SearchRequest`], [`search::QuoteRequest`],
//! [`search::PeopleRequest`], [`search::TimelineRequest`], all sharing [`search::Filters`])
//! and answers them → `render` prints results for people or as JSON; `serve` answers the same
//! requests over HTTP with a search page. [`cli`] is the only module that knows the command
//! line; [`ingest`] drives the pipeline. Stages other front ends do not need are private.

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod article;
pub mod cli;
mod corpus;
pub mod extract;
mod index;
pub mod ingest;
mod quickwit;
mod render;
pub mod search;
mod serve;

pub use index::IndexError;

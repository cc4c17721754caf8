//! Integration tests: the real `newsdex` binary on `sample_corpus/` and `tests/fixtures/`,
//! and `newsdex serve` over HTTP and in a browser (`serve`). One test binary with one
//! harness, as in ripgrep; the JSON shapes it reads are in `shapes`, strict about unknown
//! fields so that a changed interface is noticed.

mod harness;
mod shapes;

pub mod serve;

mod batch_cmd;
mod contract;
mod dumps;
mod exact_cmd;
mod export_cmd;
mod extract_cmd;
mod ingest_cmd;
mod names_cmd;
mod people_cmd;
mod properties;
mod query_cmd;
mod quickwit;
mod quotes_cmd;
mod robustness;
mod saved_cmd;
mod similar_cmd;
mod timeline_cmd;
mod watch_cmd;

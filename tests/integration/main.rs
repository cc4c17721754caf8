//! Integration tests: the real `newsdex` binary on `sample_corpus/` and `tests/fixtures/`.
//! One test binary with its own small harness, as in ripgrep.

mod harness;

mod dumps;
mod extract_cmd;
mod ingest_cmd;
mod people_cmd;
mod properties;
mod query_cmd;
mod quotes_cmd;
mod robustness;

//! Tests of `newsdex serve`: the JSON API against a server started from the real binary on
//! a free loopback port (`api`), its connections (`keepalive`), and the search page in
//! headless Chromium through chromedriver (`e2e`; `e2e_saved` for saved searches and `e2e_similar` for a folded
//! reprint, each on an index of its own). All use an index of `sample_corpus/` built by the binary.

mod api;
mod e2e;
mod e2e_saved;
mod e2e_similar;
mod keepalive;
pub mod server;
mod webdriver;

//! Tests of `newsdex serve`: the JSON API against a server started from the real binary on
//! a free loopback port (`api`), and the search page in headless Chromium through
//! chromedriver (`e2e`). Both use an index of `sample_corpus/` built by the binary.

mod api;
mod e2e;
mod server;
mod webdriver;
